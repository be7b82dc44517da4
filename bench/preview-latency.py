#!/usr/bin/env python3
"""Measures the preview's latency: from saving a page to the server telling the open browsers to reload.

Usage: start `dotnet run --project generator -c Release -- serve --input DIR --port 5111` on a copy of the site,
then run `bench/preview-latency.py DIR/om-oss.md [PORT]`. Appends a line to the page eight times (restored after)
and prints the milliseconds from each save to the server-sent `reload` event.
"""
import http.client, statistics, sys, time

page = sys.argv[1]
port = int(sys.argv[2]) if len(sys.argv) > 2 else 5111
original = open(page, encoding="utf-8").read()
times = []
try:
    for i in range(8):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/__express/events")
        response = connection.getresponse()
        for _ in range(3):  # the current state, sent on connecting
            response.fp.readline()
        with open(page, "a", encoding="utf-8") as f:
            f.write(f"\nMåling {i}.\n")
        start = time.perf_counter()
        while not response.fp.readline().decode().startswith("event: reload"):
            pass
        times.append((time.perf_counter() - start) * 1000)
        connection.close()
        time.sleep(0.3)
finally:
    open(page, "w", encoding="utf-8").write(original)
print("save to reload signal (ms):", [round(t) for t in times], "median", round(statistics.median(times)))
