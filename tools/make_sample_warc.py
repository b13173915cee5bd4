#!/usr/bin/env python3
"""Builds the generated files of examples/corpus from sources kept in examples/src.

    tools/make_sample_warc.py            write the files
    tools/make_sample_warc.py --check    exit 1 if a committed file differs

Outputs (deterministic: fixed dates, record ids derived from the URIs,
gzip without a timestamp):
  examples/corpus/16_crawl_sample.warc   WARC/1.1: warcinfo, a request, two
      HTML responses and one image/png response (a non-HTML payload the
      reader must skip), then an HTML resource record (no HTTP headers);
      the pages are examples/src/warc/*.html, in name order.
  examples/corpus/13_wire_brief_fishermen_home.txt.gz
      gzip of examples/src/13_wire_brief_fishermen_home.txt.

Only the Python standard library is used.
"""
import base64
import gzip
import hashlib
import io
import os
import struct
import sys
import uuid
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "examples", "src")
OUT = os.path.join(ROOT, "examples", "corpus")
WARC_NAME = "16_crawl_sample.warc"
GZ_SOURCE = "13_wire_brief_fishermen_home.txt"

# One (URI, WARC-Date, HTTP Date) per HTML response page, in the order of the
# sorted file names in examples/src/warc/; the last file becomes a resource.
PAGES = [
    ("https://sarvel-courier.example/politics/2025/04/08/committee-lessa-protocol",
     "2025-04-08T09:30:12Z", "Tue, 08 Apr 2025 09:30:12 GMT"),
    ("https://ostrel-herald.example/en/economy/varno-traders",
     "2025-04-10T14:02:45Z", "Thu, 10 Apr 2025 14:02:45 GMT"),
]
RESOURCE = ("https://lakeside-monitor.example/towns/lessa-bridge-closed",
            "2025-03-26T19:40:00Z")
IMAGE = ("https://ostrel-herald.example/img/varno-crossing.png",
         "2025-04-10T14:02:46Z", "Thu, 10 Apr 2025 14:02:46 GMT")


def record_id(kind, uri):
    return "<urn:uuid:%s>" % uuid.uuid5(uuid.NAMESPACE_URL, kind + " " + uri)


def sha1_b32(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


def record(fields, block):
    """One WARC record; Content-Length is the exact byte length of block."""
    head = ["WARC/1.1"]
    head += ["%s: %s" % kv for kv in fields]
    head.append("WARC-Block-Digest: " + sha1_b32(block))
    head.append("Content-Length: %d" % len(block))
    return ("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + block + b"\r\n\r\n"


def http_response(content_type, date, body):
    head = ("HTTP/1.1 200 OK\r\n"
            "Date: %s\r\n"
            "Server: nginx\r\n"
            "Content-Type: %s\r\n"
            "Content-Length: %d\r\n"
            "Cache-Control: max-age=300\r\n"
            "Connection: close\r\n\r\n") % (date, content_type, len(body))
    return head.encode("ascii") + body


def tiny_png():
    """A valid 4x4 grey PNG, built here so no binary file is kept in the repo."""
    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xffffffff))
    raw = b"".join(b"\x00" + bytes([0x80 + 8 * y] * 4) for y in range(4))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9))
            + chunk(b"IEND", b""))


def build_warc():
    out = io.BytesIO()
    info = ("software: chronicle tools/make_sample_warc.py\r\n"
            "format: WARC File Format 1.1\r\n"
            "description: sample crawl for the chronicle examples (fiction, CC0)\r\n"
            "isPartOf: chronicle-examples\r\n").encode("utf-8")
    out.write(record([("WARC-Type", "warcinfo"),
                      ("WARC-Record-ID", record_id("warcinfo", WARC_NAME)),
                      ("WARC-Date", "2025-04-08T09:30:00Z"),
                      ("WARC-Filename", WARC_NAME),
                      ("Content-Type", "application/warc-fields")], info))
    info_id = record_id("warcinfo", WARC_NAME)

    names = sorted(n for n in os.listdir(os.path.join(SRC, "warc")) if n.endswith(".html"))
    if len(names) != len(PAGES) + 1:
        sys.exit("make_sample_warc: expected %d HTML pages in examples/src/warc, found %d"
                 % (len(PAGES) + 1, len(names)))
    for i, (name, (uri, wdate, hdate)) in enumerate(zip(names, PAGES)):
        with open(os.path.join(SRC, "warc", name), "rb") as f:
            body = f.read()
        if i == 0:
            host = uri.split("/")[2]
            path = "/" + uri.split("/", 3)[3]
            req = ("GET %s HTTP/1.1\r\n"
                   "Host: %s\r\n"
                   "User-Agent: chronicle-sample-crawler/1.0\r\n"
                   "Accept: text/html,application/xhtml+xml\r\n"
                   "Accept-Encoding: identity\r\n\r\n") % (path, host)
            out.write(record([("WARC-Type", "request"),
                              ("WARC-Record-ID", record_id("request", uri)),
                              ("WARC-Date", wdate),
                              ("WARC-Target-URI", uri),
                              ("WARC-Warcinfo-ID", info_id),
                              ("WARC-Concurrent-To", record_id("response", uri)),
                              ("Content-Type", "application/http;msgtype=request")],
                             req.encode("ascii")))
        block = http_response("text/html; charset=utf-8", hdate, body)
        out.write(record([("WARC-Type", "response"),
                          ("WARC-Record-ID", record_id("response", uri)),
                          ("WARC-Date", wdate),
                          ("WARC-Target-URI", uri),
                          ("WARC-Warcinfo-ID", info_id),
                          ("WARC-Payload-Digest", sha1_b32(body)),
                          ("Content-Type", "application/http;msgtype=response")], block))

    uri, wdate, hdate = IMAGE
    png = tiny_png()
    out.write(record([("WARC-Type", "response"),
                      ("WARC-Record-ID", record_id("response", uri)),
                      ("WARC-Date", wdate),
                      ("WARC-Target-URI", uri),
                      ("WARC-Warcinfo-ID", info_id),
                      ("WARC-Payload-Digest", sha1_b32(png)),
                      ("Content-Type", "application/http;msgtype=response")],
                     http_response("image/png", hdate, png)))

    # A resource record holds the page itself, with no HTTP envelope.
    uri, wdate = RESOURCE
    with open(os.path.join(SRC, "warc", names[-1]), "rb") as f:
        body = f.read()
    out.write(record([("WARC-Type", "resource"),
                      ("WARC-Record-ID", record_id("resource", uri)),
                      ("WARC-Date", wdate),
                      ("WARC-Target-URI", uri),
                      ("WARC-Warcinfo-ID", info_id),
                      ("Content-Type", "text/html")], body))
    return out.getvalue()


def build_gz():
    with open(os.path.join(SRC, GZ_SOURCE), "rb") as f:
        data = f.read()
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as g:
        g.write(data)
    return out.getvalue()


def main(argv):
    check = "--check" in argv[1:]
    outputs = [(WARC_NAME, build_warc()), (GZ_SOURCE + ".gz", build_gz())]
    stale = 0
    for name, data in outputs:
        path = os.path.join(OUT, name)
        if check:
            try:
                with open(path, "rb") as f:
                    old = f.read()
            except OSError:
                old = None
            if name.endswith(".gz") and old is not None:
                # Compressed bytes may differ between zlib versions; the content may not.
                same = gzip.decompress(old) == gzip.decompress(data)
            else:
                same = old == data
            if not same:
                print("make_sample_warc: %s is out of date" % os.path.relpath(path, ROOT))
                stale += 1
        else:
            with open(path, "wb") as f:
                f.write(data)
            print("wrote %s (%d bytes)" % (os.path.relpath(path, ROOT), len(data)))
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
