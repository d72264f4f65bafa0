"""Test audio for the telephony tests, with the Python standard library only: tones as WAV, and tone
detection by the Goertzel algorithm."""

import math
import struct
import wave


def write_tone(path, frequency, seconds, rate=8000, amplitude=0.5):
    """8 kHz mono 16-bit WAV of a sine; frequency 0 = silence."""
    samples = int(seconds * rate)
    frames = bytearray()
    for n in range(samples):
        value = amplitude * math.sin(2 * math.pi * frequency * n / rate) if frequency else 0.0
        frames += struct.pack("<h", int(value * 32767))
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))


def read_wav(path):
    """(rate, [channel samples...]) of a 16-bit PCM WAV."""
    with wave.open(path, "rb") as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        data = w.readframes(w.getnframes())
    if width != 2:
        raise ValueError(f"{path}: {width * 8}-bit samples, expected 16")
    values = struct.unpack("<%dh" % (len(data) // 2), data)
    return rate, [list(values[c::channels]) for c in range(channels)]


def tone_share(samples, rate, frequency):
    """Fraction (0..1) of the segment's power at `frequency` (Goertzel); 1.0 for a pure tone."""
    n = len(samples)
    if n == 0:
        return 0.0
    energy = sum(s * s for s in samples)
    if energy == 0:
        return 0.0
    k = 2 * math.cos(2 * math.pi * frequency / rate)
    s1 = s2 = 0.0
    for x in samples:
        s0 = x + k * s1 - s2
        s2, s1 = s1, s0
    power = s1 * s1 + s2 * s2 - k * s1 * s2
    return min(1.0, 2 * power / (n * energy))


def rms_db(samples):
    if not samples:
        return -200.0
    mean = sum(s * s for s in samples) / len(samples)
    return 10 * math.log10(mean / (32768.0 ** 2)) if mean > 0 else -200.0


def describe(samples, rate, frequencies=(440, 880)):
    shares = ", ".join(f"{f} Hz {tone_share(samples, rate, f):.2f}" for f in frequencies)
    return f"{len(samples) / rate:.2f} s, {rms_db(samples):.1f} dBFS, share {shares}"
