#!/usr/bin/env python3
"""Flood benchmark (issue 8): latency of an authenticated read (GET /api/v1/me) alone, and
while 40 clients send failed log-ins, measured in the same run against one server.

    python3 benches/login_flood.py http://127.0.0.1:PORT DATA_DIR [FAILED_LOGINS]

Start the server with the rate limit out of the way, e.g.
    nsdb serve --demo --data-dir DATA_DIR --listen 127.0.0.1:PORT --rate-limit-login-failures 100000
"""
import json, statistics, sys, threading, time, urllib.request, urllib.error

base, data_dir = sys.argv[1], sys.argv[2]
floods = int(sys.argv[3]) if len(sys.argv) > 3 else 400

def post(path, body):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, json.loads(r.read() or b"{}")
    except urllib.error.HTTPError as e:
        return e.code, {}

logins = json.load(open(f"{data_dir}/demo-logins.json"))
who = next(l for l in logins if l["role"] == "operator_user")
status, body = post("/api/v1/sessions", {"login_id": who["login_id"], "password": who["password"],
                                          "key_file": open(who["key_file"]).read()})
assert status == 201, status
token = body["token"]

def me_latency(n):
    out = []
    for _ in range(n):
        req = urllib.request.Request(base + "/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        t = time.perf_counter()
        with urllib.request.urlopen(req) as r:
            r.read()
        out.append((time.perf_counter() - t) * 1000)
    return out

def flood(n):
    for i in range(n):
        post("/api/v1/sessions", {"login_id": f"NOSUCH{i:05d}", "password": "wrong-password-1"})

me_latency(20)  # warm up
alone = me_latency(200)
threads = [threading.Thread(target=flood, args=(floods // 40,)) for _ in range(40)]
for t in threads: t.start()
during = me_latency(200)
for t in threads: t.join()
p = lambda xs, q: sorted(xs)[int(len(xs) * q) - 1]
print(f"GET /me alone:        median {statistics.median(alone):6.1f} ms  p95 {p(alone, .95):6.1f} ms")
print(f"GET /me during flood: median {statistics.median(during):6.1f} ms  p95 {p(during, .95):6.1f} ms")
print(f"ratio (median during / alone): {statistics.median(during) / statistics.median(alone):.1f}x")
