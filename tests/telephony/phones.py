"""Headless baresip phones for the telephony tests (adapted from the peers scripts of the founding team).

One Phone = one baresip process with its own folder (config, accounts, received audio), driven over its
ctrl_tcp socket (netstring-framed JSON). Everything binds to 127.0.0.1. Only the PID we started is signalled.
"""

import json
import os
import signal
import socket
import subprocess
import threading
import time

BARESIP = "/usr/bin/baresip"
MODULE_PATH = "/usr/lib/baresip/modules"


def baresip_available():
    return os.access(BARESIP, os.X_OK) and os.path.exists(os.path.join(MODULE_PATH, "ctrl_tcp.so"))


class Phone:
    """A baresip UA `name`@127.0.0.1:sip_port that sends `wav` (8 kHz mono s16) and records what it hears."""

    def __init__(self, folder, name, sip_port, ctrl_port, rtp_range, wav, answer="auto", codecs="pcmu"):
        self.folder = folder
        self.name = name
        self.sip_port = sip_port
        self.ctrl_port = ctrl_port
        self.events = []
        self._lock = threading.Lock()
        self._responses = {}
        self._token = 0
        self._sock = None
        self._reader = None
        os.makedirs(os.path.join(folder, "rec"), exist_ok=True)
        with open(os.path.join(folder, "config"), "w") as f:
            f.write(f"""poll_method\tepoll
sip_listen\t127.0.0.1:{sip_port}
net_interface\t127.0.0.1
call_local_timeout\t120
call_max_calls\t4
audio_source\taufile,{wav}
ausrc_srate\t8000
auplay_srate\t8000
ausrc_channels\t1
auplay_channels\t1
audio_level\tno
ausrc_format\ts16
auplay_format\ts16
auenc_format\ts16
audec_format\ts16
audio_buffer\t20-160
rtp_ports\t{rtp_range[0]}-{rtp_range[1]}
rtcp_mux\tno
jitter_buffer_delay\t5-10
rtp_stats\tno
module_path\t{MODULE_PATH}
module\tg711.so
module\tsndfile.so
module\taufile.so
module_tmp\tuuid.so
module_tmp\taccount.so
module_app\tmenu.so
module_app\tctrl_tcp.so
ctrl_tcp_listen\t127.0.0.1:{ctrl_port}
snd_path\t{folder}/rec
statmode_default\toff
ringback_disabled\tyes
menu_bell\tno
""")
        with open(os.path.join(folder, "accounts"), "w") as f:
            f.write(f"<sip:{name}@127.0.0.1:{sip_port}>;regint=0;answermode={answer};"
                    f"audio_codecs={codecs};ptime=20;mwi=no\n")
        self._log = open(os.path.join(folder, "baresip.log"), "w")
        self.process = subprocess.Popen([BARESIP, "-f", folder, "-s"], stdin=subprocess.DEVNULL, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        self._connect()

    def _connect(self):
        deadline = time.time() + 10
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"baresip {self.name} exited at start (see {self.folder}/baresip.log)")
            try:
                self._sock = socket.create_connection(("127.0.0.1", self.ctrl_port), timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        if self._sock is None:
            raise RuntimeError(f"cannot reach the control port of {self.name}")
        self._sock.settimeout(None)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        time.sleep(0.3)  # let baresip finish loading its modules

    def _read(self):
        buf = b""
        while True:
            try:
                data = self._sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            buf += data
            while True:
                colon = buf.find(b":")
                if colon < 0:
                    break
                try:
                    length = int(buf[:colon])
                except ValueError:
                    buf = buf[colon + 1:]
                    continue
                if len(buf) < colon + 1 + length + 1:
                    break
                payload = buf[colon + 1:colon + 1 + length]
                buf = buf[colon + 1 + length + 1:]
                try:
                    message = json.loads(payload.decode("utf-8", "replace"))
                except ValueError:
                    continue
                with self._lock:
                    if message.get("response"):
                        self._responses[message.get("token")] = message
                    else:
                        message["_time"] = time.time()
                        self.events.append(message)

    def command(self, command, params="", timeout=5):
        with self._lock:
            self._token += 1
            token = f"t{self._token}"
        body = {"command": command, "token": token}
        if params:
            body["params"] = params
        data = json.dumps(body).encode()
        self._sock.sendall(str(len(data)).encode() + b":" + data + b",")
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self._lock:
                if token in self._responses:
                    return self._responses.pop(token)
            time.sleep(0.02)
        raise RuntimeError(f"{self.name}: no answer to '{command}'")

    def wait_event(self, kind, timeout=10, count=1):
        """The count-th event of type `kind` (its dict), or None after `timeout` seconds."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            with self._lock:
                found = [e for e in self.events if e.get("type") == kind]
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.02)
        return None

    def has_event(self, kind):
        with self._lock:
            return any(e.get("type") == kind for e in self.events)

    def dtmf_received(self):
        with self._lock:
            return "".join(e.get("param", "") for e in self.events if e.get("type") == "CALL_DTMF_START")

    def stop(self):
        """Quits baresip (ending its calls with BYE) and returns the WAV of what it heard in its last call."""
        if self.process.poll() is None:
            try:
                self.command("quit", timeout=2)
            except (RuntimeError, OSError):
                pass
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.process.wait(timeout=3)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        if self._sock is not None:
            self._sock.close()
        self._log.close()
        received = sorted((os.path.join(self.folder, "rec", f) for f in os.listdir(os.path.join(self.folder, "rec"))
                           if f.endswith("-dec.wav")), key=os.path.getmtime)
        return received[-1] if received else None
