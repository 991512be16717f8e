"""Two hostile PDFs, built at test time (nothing hostile is kept in the repository).

- page_reference_bomb(): about 13 KB; the page tree's root lists one intermediate node 1,000 times and that
  node lists one page 1,000 times, so a reader that follows the tree sees a million pages.
- flate_bomb(): a page whose content stream is Flate-compressed zeros, a few MB on disk that expand to about
  5 GB. The stream is made without compressing 5 GB: zlib's output for one block of zeros after a full flush
  is the same every time, so it is repeated, and the Adler-32 of n zero bytes is worked out directly.
"""

from __future__ import annotations

import zlib


def _pdf(objects):
    """A PDF from {number: body bytes}, with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def page_reference_bomb(fan_out=1000):
    """A PDF whose page tree reaches one page fan_out² times (a million by default)."""
    return _pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count %d /Kids [%s] >>" % (fan_out * fan_out, b" ".join([b"3 0 R"] * fan_out)),
        3: b"<< /Type /Pages /Parent 2 0 R /Count %d /Kids [%s] >>" % (fan_out, b" ".join([b"4 0 R"] * fan_out)),
        4: b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: _stream(b"BT /F1 12 Tf 72 720 Td (A page that is everywhere in its tree.) Tj ET"),
    })


def _stream(content, dictionary=b""):
    return b"<< %s/Length %d >>\nstream\n" % (dictionary, len(content)) + content + b"\nendstream"


def zeros_deflated(size, block=1 << 20):
    """A zlib stream of `size` zero bytes (a multiple of block), built in O(size / block) time."""
    compressor = zlib.compressobj(9)
    zeros = bytes(block)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush(zlib.Z_FINISH)
    # Z_FINISH appends the empty final block and the Adler-32 of the two blocks given; recompute the latter.
    adler = ((size % 65521) << 16) | 1
    return first + repeated * (size // block - 1) + end[:-4] + adler.to_bytes(4, "big")


def flate_bomb(expanded=5 * 1024 ** 3):
    """A one-page PDF whose content stream expands to `expanded` bytes (about 5 GB by default)."""
    return _pdf({
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        4: _stream(zeros_deflated(expanded), b"/Filter /FlateDecode "),
    })
