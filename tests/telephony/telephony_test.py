#!/usr/bin/env python3
"""Telephony tests of callvaultd with real SIP phones (baresip), all on 127.0.0.1.

Each scenario starts a real callvaultd in a fresh data folder (number 21122560 provisioned with the admin
CLI), a caller phone 1001 that sends 440 Hz and a callee phone 21122560 that sends 880 Hz (reached through
the server's [sip] contact), makes one call through the server and checks what the phones heard, the SIP
outcome, and what the server recorded (MP3 channels, duration, signature, CDR row).

    telephony_test.py SCENARIO --callvaultd PATH --probe PATH --base-port N [--keep]

Exit 0 = pass, 1 = fail, 77 = skipped (baresip not installed). Last line: "N passed, N failed".
"""

import argparse
import datetime
import hashlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import audio  # noqa: E402
from phones import Phone, baresip_available  # noqa: E402

USER_NUMBER = "21122560"
CALLER = "1001"
CALLER_HZ = 440
CALLEE_HZ = 880


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, condition, what, detail=""):
        if condition:
            self.passed += 1
            print(f"PASS: {what}")
        else:
            self.failed += 1
            print(f"FAIL: {what}" + (f" ({detail})" if detail else ""))
        return condition


class Server:
    def __init__(self, exe, folder, sip_port, rtp_range, callee_port):
        self.exe = exe
        self.data = os.path.join(folder, "data")
        self.sip_port = sip_port
        self.rtp_range = rtp_range
        self.callee_port = callee_port
        self.log_path = os.path.join(folder, "callvaultd.log")
        self.process = None

    def admin(self, *args):
        result = subprocess.run([self.exe, "admin", *args, "--data-dir", self.data], capture_output=True,
                                text=True, timeout=30)
        if result.returncode != 0:
            raise RuntimeError(f"admin {args[0]} failed: {result.stderr.strip()}")
        return dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)

    def provision(self, activated=True):
        company = self.admin("create-company", "--name", "Acme", "--retention-days", "365", "--time-zone",
                             "Asia/Hong_Kong")["company_id"]
        self.admin("create-admin", "--company", company, "--login", "agent", "--name", "Agent One")
        yesterday = (datetime.datetime.utcnow() - datetime.timedelta(days=1)).strftime("%Y-%m-%d")
        args = ["add-number", "--company", company, "--number", USER_NUMBER, "--functions", "inbound,outbound",
                "--effective-date", yesterday, "--user", "agent"]
        if activated:
            args.append("--activated")
        self.admin(*args)
        return int(company)

    def start(self):
        ready = os.path.join(self.data, "ready")
        if os.path.exists(ready):
            os.remove(ready)
        log = open(self.log_path, "a")
        self.process = subprocess.Popen(
            [self.exe, "--data-dir", self.data, "--api-port", "0", "--ready-file", ready, "--log-level", "debug",
             "--sip-port", str(self.sip_port), "--rtp-port-min", str(self.rtp_range[0]), "--rtp-port-max",
             str(self.rtp_range[1]), "--sip-contact", f"{USER_NUMBER}=sip:{USER_NUMBER}@127.0.0.1:{self.callee_port}"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.time() + 20
        while time.time() < deadline:
            if os.path.exists(ready):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("callvaultd did not start:\n" + self.log_tail())

    def stop(self):
        """SIGTERM; returns the exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def kill9(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def log(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def log_tail(self, lines=40):
        return "\n".join(self.log().splitlines()[-lines:])

    def rows(self):
        db = sqlite3.connect(os.path.join(self.data, "callvault.db"))
        db.row_factory = sqlite3.Row
        try:
            return [dict(r) for r in db.execute("SELECT * FROM recordings ORDER BY id")]
        finally:
            db.close()

    def call_lines(self):
        return [line for line in self.log().splitlines() if re.search(r" call \w+ ended: ", line)]


class Scenario:
    def __init__(self, args, name):
        self.args = args
        self.checks = Checks()
        self.folder = tempfile.mkdtemp(prefix=f"callvault-tel-{name}-")
        base = args.base_port
        self.sip_port = base
        self.caller_port = base + 10
        self.callee_port = base + 20
        self.server = Server(args.callvaultd, self.folder, self.sip_port, (base + 100, base + 199), self.callee_port)
        self.caller = None
        self.callee = None
        self.caller_wav = os.path.join(self.folder, "caller.wav")
        self.callee_wav = os.path.join(self.folder, "callee.wav")
        audio.write_tone(self.caller_wav, CALLER_HZ, 60)
        audio.write_tone(self.callee_wav, CALLEE_HZ, 60)
        self.company = None

    def setup(self, activated=True, codecs="pcmu", callee_answer="auto"):
        self.company = self.server.provision(activated)
        self.server.start()
        base = self.args.base_port
        self.callee = Phone(os.path.join(self.folder, "callee"), USER_NUMBER, self.callee_port, base + 31,
                            (base + 300, base + 399), self.callee_wav, answer=callee_answer, codecs=codecs)
        self.caller = Phone(os.path.join(self.folder, "caller"), CALLER, self.caller_port, base + 30,
                            (base + 200, base + 299), self.caller_wav, codecs=codecs)

    def dial(self):
        self.caller.command("dial", f"sip:{USER_NUMBER}@127.0.0.1:{self.sip_port}")

    def establish(self):
        self.dial()
        established = self.caller.wait_event("CALL_ESTABLISHED", 10)
        self.checks.expect(established is not None, "the call is answered through callvaultd",
                           self.server.log_tail())
        if established is None:
            raise RuntimeError("call not established")
        self.callee.wait_event("CALL_ESTABLISHED", 5)
        return established["_time"]

    def hang_up(self, phone, other):
        at = time.time()
        phone.command("hangup")
        closed = other.wait_event("CALL_CLOSED", 10)
        self.checks.expect(closed is not None, f"the BYE of {phone.name} reaches {other.name}")
        return at

    def stop_phones(self):
        heard = {}
        for phone in (self.caller, self.callee):
            if phone is not None:
                heard[phone.name] = phone.stop()
        return heard

    def finish(self):
        self.stop_phones()
        code = self.server.stop()
        self.checks.expect(code == 0, "callvaultd stops cleanly on SIGTERM", f"exit code {code}")
        if self.checks.failed:
            print("---- callvaultd log (tail) ----")
            print(self.server.log_tail(60))
            print(f"---- kept: {self.folder}")
        elif not self.args.keep:
            shutil.rmtree(self.folder, ignore_errors=True)

    # ---- checks shared by the scenarios
    def check_heard(self, heard):
        for name, expect_hz, what in ((USER_NUMBER, CALLER_HZ, "the callee hears the caller's 440 Hz"),
                                      (CALLER, CALLEE_HZ, "the caller hears the callee's 880 Hz")):
            path = heard.get(name)
            if not path:
                self.checks.expect(False, what, "no audio received")
                continue
            rate, channels = audio.read_wav(path)
            samples = channels[0][rate // 2:]
            share = audio.tone_share(samples, rate, expect_hz)
            self.checks.expect(share > 0.5 and audio.rms_db(samples) > -30, what, audio.describe(samples, rate))

    def check_recording(self, row, call_seconds, recovered=False, tolerance=0.5):
        c = self.checks
        c.expect(row["call_type"] == "inbound" and row["user_number"] == USER_NUMBER and
                 row["other_number"] == CALLER and row["company_id"] == self.company and row["user_id"] is not None,
                 "the CDR row names the call (inbound, user number, other number, company, user)", str(row))
        c.expect(bool(row["recovered"]) == recovered, f"the CDR row is {'' if recovered else 'not '}marked recovered")
        call_id = row["call_id"]
        start = datetime.datetime.fromtimestamp(row["start_ms"] / 1000, datetime.timezone.utc)
        c.expect(re.fullmatch(r"\d{12}[0-9A-Z]{2}\d{9}", call_id) is not None and
                 call_id[:12] == start.strftime("%y%m%d%H%M%S"), "the call ID has the §5 format and start time",
                 call_id)
        c.expect(row["file_path"] == start.strftime("/%Y/%m/%d/%H/") + call_id + ".mp3",
                 "the file path is /YYYY/MM/DD/HH/<call-id>.mp3", row["file_path"])
        mp3 = os.path.join(self.server.data, "recordings", row["file_path"].lstrip("/"))
        if not c.expect(os.path.isfile(mp3), "the MP3 is in recordings/", mp3):
            return
        data = open(mp3, "rb").read()
        c.expect(len(data) == row["file_size"] and hashlib.sha256(data).hexdigest() == row["sha256"],
                 "the CDR's size and SHA-256 match the MP3")
        key = os.path.join(self.server.data, "keys", "recording-signing.pub")
        ok = subprocess.run([self.args.probe, "verify", mp3, call_id, row["signature"], key], capture_output=True)
        c.expect(ok.returncode == 0, "the signature verifies", ok.stdout.decode() + ok.stderr.decode())
        tampered = os.path.join(self.folder, "tampered.mp3")
        changed = bytearray(data)
        changed[len(changed) // 2] ^= 0x01
        open(tampered, "wb").write(bytes(changed))
        bad = subprocess.run([self.args.probe, "verify", tampered, call_id, row["signature"], key],
                             capture_output=True)
        c.expect(bad.returncode == 1, "the signature fails after one byte is changed")
        c.expect(abs(row["duration_ms"] / 1000 - call_seconds) <= tolerance,
                 f"the recording lasts as long as the call (within {tolerance} s)",
                 f"{row['duration_ms']} ms for a {call_seconds:.2f} s call")
        wav = os.path.join(self.folder, "recording.wav")
        decoded = subprocess.run([self.args.probe, "decode", mp3, wav], capture_output=True, text=True)
        info = dict(line.split(": ", 1) for line in decoded.stdout.splitlines() if ": " in line)
        if not c.expect(decoded.returncode == 0 and info.get("channels") == "2", "the MP3 decodes as stereo",
                        decoded.stdout + decoded.stderr):
            return
        rate, (user, other) = audio.read_wav(wav)
        delay = max(0, int(info.get("encoder_delay", "-1")))
        length = (len(user) - delay) / rate
        c.expect(abs(length - row["duration_ms"] / 1000) <= tolerance, "the MP3's length matches the CDR duration",
                 f"{length:.2f} s")
        return rate, user, other

    def check_channels(self, decoded, start=0.5, end=None):
        if not decoded:
            return
        rate, user, other = decoded
        a = int(start * rate)
        b = len(user) - rate // 2 if end is None else int(end * rate)
        self.checks.expect(audio.tone_share(user[a:b], rate, CALLEE_HZ) > 0.5,
                           "channel 1 (the user, the callee) holds 880 Hz", audio.describe(user[a:b], rate))
        self.checks.expect(audio.tone_share(other[a:b], rate, CALLER_HZ) > 0.5,
                           "channel 2 (the other party, the caller) holds 440 Hz", audio.describe(other[a:b], rate))

    def one_row(self):
        rows = self.server.rows()
        self.checks.expect(len(rows) == 1, "exactly one recording (CDR row)", f"{len(rows)} rows")
        return rows[0] if rows else None

    def no_recording(self):
        rows = self.server.rows()
        mp3s = [f for _, _, files in os.walk(os.path.join(self.server.data, "recordings")) for f in files]
        spool = [f for f in os.listdir(os.path.join(self.server.data, "spool"))
                 if os.path.isfile(os.path.join(self.server.data, "spool", f))] \
            if os.path.isdir(os.path.join(self.server.data, "spool")) else []
        self.checks.expect(not rows and not mp3s and not spool, "nothing is recorded",
                           f"{len(rows)} rows, files {mp3s + spool}")

    def summary_line(self, pattern, what):
        lines = self.server.call_lines()
        self.checks.expect(any(re.search(pattern, line) for line in lines), what, "; ".join(lines) or "no call line")


# ---------------------------------------------------------------- scenarios

def scenario_basic(s, hangup_by="caller"):
    """A call answered, 4 s of audio both ways, hung up by one side; everything about the recording."""
    s.setup()
    answered = s.establish()
    time.sleep(4)
    if hangup_by == "caller":
        ended = s.hang_up(s.caller, s.callee)
    else:
        ended = s.hang_up(s.callee, s.caller)
    time.sleep(1.0)  # the recording is finished on the blocking pool
    heard = s.stop_phones()
    s.check_heard(heard)
    row = s.one_row()
    if row:
        s.check_channels(s.check_recording(row, ended - answered))
    s.summary_line(r"inbound 1001 -> 21122560, answered, duration [\d.]+ s, status 200, ended by BYE from the "
                   + hangup_by + r", recorded", "one log line for the call, with its call ID and outcome")


def scenario_bye_callee(s):
    scenario_basic(s, "callee")


def scenario_cancel(s):
    s.setup(callee_answer="manual")
    s.dial()
    s.checks.expect(s.callee.wait_event("CALL_INCOMING", 10) is not None, "the callee rings")
    time.sleep(1.0)
    s.caller.command("hangup")
    s.checks.expect(s.callee.wait_event("CALL_CLOSED", 10) is not None, "the CANCEL reaches the callee")
    s.checks.expect(s.caller.wait_event("CALL_CLOSED", 10) is not None, "the caller's call ends")
    time.sleep(0.5)
    s.stop_phones()
    trace = open(os.path.join(s.folder, "caller", "baresip.log"), errors="replace").read()
    s.checks.expect("SIP/2.0 487" in trace, "the caller gets 487 Request Terminated")
    s.no_recording()
    s.summary_line(r"inbound 1001 -> 21122560, not answered, status 487", "the call line says 487, not answered")


def scenario_busy(s):
    s.setup(callee_answer="manual")
    s.dial()
    s.checks.expect(s.callee.wait_event("CALL_INCOMING", 10) is not None, "the callee rings")
    s.callee.command("hangup")  # baresip rejects a ringing call with 486
    closed = s.caller.wait_event("CALL_CLOSED", 10)
    s.checks.expect(closed is not None and "486" in closed.get("param", ""), "the caller gets 486 Busy Here",
                    str(closed))
    time.sleep(0.5)
    s.stop_phones()
    s.no_recording()
    s.summary_line(r"not answered, status 486", "the call line says 486")


def scenario_hold(s):
    s.setup()
    answered = s.establish()
    time.sleep(2)
    s.caller.command("hold")
    time.sleep(1.5)
    s.caller.command("resume")
    time.sleep(2)
    ended = s.hang_up(s.caller, s.callee)
    time.sleep(1.0)
    s.stop_phones()
    s.checks.expect(s.callee.has_event("CALL_ESTABLISHED"), "the callee stays in the call across hold/resume")
    row = s.one_row()
    if row:
        decoded = s.check_recording(row, ended - answered)
        if decoded:
            rate, user, other = decoded
            before = other[int(0.5 * rate):int(1.8 * rate)]
            after = other[len(other) - int(1.5 * rate):len(other) - int(0.3 * rate)]
            s.checks.expect(audio.tone_share(before, rate, CALLER_HZ) > 0.5, "the caller is recorded before hold",
                            audio.describe(before, rate))
            s.checks.expect(audio.tone_share(after, rate, CALLER_HZ) > 0.5, "the caller is recorded after resume",
                            audio.describe(after, rate))


def scenario_pcma(s):
    s.setup(codecs="pcma")
    answered = s.establish()
    time.sleep(3)
    ended = s.hang_up(s.caller, s.callee)
    time.sleep(1.0)
    heard = s.stop_phones()
    s.check_heard(heard)
    log = open(os.path.join(s.folder, "callee", "baresip.log"), errors="replace").read()
    s.checks.expect("a=rtpmap:8 PCMA/8000" in log and "a=rtpmap:0 PCMU/8000" not in log and
                    "Set audio decoder: PCMA" in log, "the call is set up with PCMA only")
    row = s.one_row()
    if row:
        s.check_channels(s.check_recording(row, ended - answered))


def scenario_dtmf(s):
    s.setup()
    s.establish()
    time.sleep(1)
    s.caller.command("sndcode", "1234*#")
    time.sleep(2.5)
    s.hang_up(s.caller, s.callee)
    s.checks.expect(s.callee.dtmf_received() == "1234*#", "the callee receives the caller's DTMF 1234*#",
                    repr(s.callee.dtmf_received()))
    time.sleep(0.5)
    s.stop_phones()


def scenario_pending(s):
    s.setup(activated=False)
    s.establish()
    time.sleep(3)
    s.hang_up(s.caller, s.callee)
    time.sleep(1.0)
    heard = s.stop_phones()
    s.check_heard(heard)
    s.no_recording()
    s.summary_line(r"answered, .* not recorded \(number status pending_activation\)",
                   "the call line says why it was not recorded")


def scenario_kill9(s):
    s.setup()
    answered = s.establish()
    time.sleep(4)
    crashed = time.time()
    s.server.kill9()
    s.stop_phones()
    s.checks.expect(not s.server.rows(), "no CDR row before the restart")
    s.server.start()
    time.sleep(0.5)
    row = s.one_row()
    if row:
        decoded = s.check_recording(row, crashed - answered, recovered=True, tolerance=2.0)
        s.check_channels(decoded, end=max(1.0, row["duration_ms"] / 1000 - 1.0))


SCENARIOS = {
    "basic": scenario_basic,
    "bye_callee": scenario_bye_callee,
    "cancel": scenario_cancel,
    "busy": scenario_busy,
    "hold": scenario_hold,
    "pcma": scenario_pcma,
    "dtmf": scenario_dtmf,
    "pending": scenario_pending,
    "kill9": scenario_kill9,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", choices=sorted(SCENARIOS))
    parser.add_argument("--callvaultd", required=True)
    parser.add_argument("--probe", required=True)
    parser.add_argument("--base-port", type=int, required=True)
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()
    if not baresip_available():
        print("SKIP: baresip is not installed (scripts/install-deps.sh test)")
        return 77
    s = Scenario(args, args.scenario)
    try:
        SCENARIOS[args.scenario](s)
    except Exception as e:  # a broken step is a failure with its reason, never a hang
        s.checks.expect(False, f"scenario {args.scenario} ran to the end", repr(e))
    finally:
        s.finish()
    print(f"{s.checks.passed} passed, {s.checks.failed} failed")
    return 1 if s.checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
