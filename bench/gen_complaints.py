#!/usr/bin/env python3
"""Bulk data for bench/complaints.sh: writes CSV for PostgreSQL COPY (FORMAT csv) to stdout.

    gen_complaints.py tenants   PLAN
    gen_complaints.py complaints PLAN [--ids-out FILE --ids-tenant UUID --ids-max N] [--chinese-share F]
    gen_complaints.py events    PLAN
    gen_complaints.py counters  PLAN

PLAN is a file with one tenant a line: "<tenant uuid>,<complaint count>,<bulk 0|1>". Tenants marked
bulk 1 get a tenants row from the 'tenants' kind (the others were provisioned through the API).
Output is deterministic per tenant (seeded), so 'complaints' and 'events' agree on ids without
sharing state and can be loaded in parallel. All complaints are received in the current year
(from 1 January to one hour ago), numbered C-{year}-{000001..} in order of receipt, status Received;
each has its complaint.received event; counters hold (tenant, year, count).

--chinese-share F (0..1) writes that share of each tenant's complaints in Simplified Chinese (subject, description,
customer name, email, phone, product and desired outcome from gen_complaints_zh.py); which ones, and their text, are
drawn from a random generator of their own seeded by the tenant, so the other columns and the English complaints are
exactly what they are without the option, and the output stays deterministic per tenant.
"""
import argparse
import datetime as dt
import random
import sys
import uuid

import gen_complaints_zh

CHANNELS = ["Phone", "Email", "Web", "Social", "InPerson", "Letter", "Api", "Referral"]
SEVERITIES = ["General"] * 6 + ["Serious"] * 3 + ["Critical"]
PRODUCTS = ["washing machine", "router", "sofa", "phone contract", "delivery", "invoice", "coffee maker",
            "bicycle", "insurance claim", "hotel stay", "flight", "laptop", "mattress", "gym membership"]
PROBLEMS = ["arrived damaged", "stopped working after a week", "was billed twice", "never arrived",
            "is not as described", "was cancelled without notice", "made a loud noise", "was late by ten days",
            "has a missing part", "was rude staff at the counter"]
FIRST = ["Anna", "Ben", "Chloé", "David", "Emre", "Fatima", "Georg", "Hana", "Ivan", "Julia", "Kofi", "Lena",
         "Marek", "Nora", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomás", "Ute", "Vera", "Wei", "Yusuf", "Zoe"]
LAST = ["Müller", "Schmidt", "Novak", "García", "Rossi", "Kowalski", "Jensen", "Öztürk", "Dubois", "Smith",
        "Nguyen", "Silva", "Kim", "Ivanova", "Bauer", "Lindqvist"]
OUTCOMES = ["Refund", "Replacement", "An apology", "Repair", "Compensation for the delay", ""]


# Due time: the default resolution target (Tenant.DefaultResolutionTargetDays) after receipt.
DUE_MS = 15 * 24 * 3600 * 1000


def read_plan(path):
    plan = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                tid, count, bulk = line.split(",")
                plan.append((tid, int(count), bulk == "1"))
    return plan


def q(s):
    """CSV field, always quoted (descriptions contain commas)."""
    return '"' + s.replace('"', '""') + '"'


def ts(ms):
    return dt.datetime.fromtimestamp(ms / 1000, dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + "+00"


def uuid7(rng, ms):
    r = rng.getrandbits(74)
    v = (ms << 80) | (0x7 << 76) | ((r >> 62) << 64) | (0b10 << 62) | (r & ((1 << 62) - 1))
    return str(uuid.UUID(int=v))


def tenant_rows(tid, count):
    """Yields (complaint id, event id, number, received ms, fields...) for one tenant, deterministically."""
    rng = random.Random(tid)            # times and ids only: the same sequence for complaints and events
    content = random.Random(tid + "/content")
    now = dt.datetime.now(dt.timezone.utc)
    start_ms = int(dt.datetime(now.year, 1, 1, tzinfo=dt.timezone.utc).timestamp() * 1000)
    end_ms = int(now.timestamp() * 1000) - 3600 * 1000
    times = sorted(rng.randrange(start_ms, end_ms) for _ in range(count))
    year = now.year
    for n, ms in enumerate(times, 1):
        yield n, ms, year, uuid7(rng, ms), uuid7(rng, ms), content


def gen_tenants(plan, out):
    now = ts(int(dt.datetime.now(dt.timezone.utc).timestamp() * 1000))
    for i, (tid, _, bulk) in enumerate(plan):
        if bulk:
            out.write(f"{tid},bulk-tenant-{i:04d},{q(f'Bulk tenant {i:04d}')},Europe/Berlin,en,{now}\n")


def gen_complaints(plan, out, ids_out=None, ids_tenant=None, ids_max=0, chinese_share=0.0):
    ids = []
    for tid, count, _ in plan:
        buf = []
        zh = random.Random(tid + "/zh")   # which complaints are Chinese, and their text: never touches rng's sequence
        for n, ms, year, cid, _eid, rng in tenant_rows(tid, count):
            product, problem = rng.choice(PRODUCTS), rng.choice(PROBLEMS)
            first, last = rng.choice(FIRST), rng.choice(LAST)
            received = ts(ms)
            subject = f"The {product} {problem}"
            description = (f"I bought a {product} from you and it {problem}. I have called twice and written an email, "
                           f"reference {rng.randrange(100000, 999999)}, but nobody has answered. Please sort this out.")
            name = f"{first} {last}"
            email = f"{first.lower()}.{last.lower()}{rng.randrange(1000)}@example.com"
            outcome = rng.choice(OUTCOMES)   # drawn in the order of before the Chinese option: the same rows without it
            channel, severity = rng.choice(CHANNELS), rng.choice(SEVERITIES)
            phone = f"+49 30 {rng.randrange(1000000, 9999999)}"
            if chinese_share and zh.random() < chinese_share:
                subject, description, name, email, phone, product, outcome = gen_complaints_zh.complaint(zh)
            buf.append(",".join((tid, cid, f"C-{year}-{n:06d}", q(subject), q(description), channel,
                                 severity, "Received", q(name), q(email),
                                 phone, "", q(product), "",
                                 q(outcome) if outcome else "", received, received, ts(ms + DUE_MS), "true")) + "\n")
            if tid == ids_tenant:
                ids.append(cid)
            if len(buf) >= 5000:
                out.write("".join(buf)); buf.clear()
        out.write("".join(buf))
    if ids_out:
        random.Random(42).shuffle(ids)
        with open(ids_out, "w") as f:
            f.write("\n".join(ids[:ids_max] if ids_max else ids) + "\n")


def gen_events(plan, out):
    for tid, count, _ in plan:
        buf = []
        for n, ms, year, cid, eid, rng in tenant_rows(tid, count):
            received = ts(ms)
            data = q('{"channel":"Web","severity":"General","receivedAt":"%s"}' % dt.datetime.fromtimestamp(
                ms / 1000, dt.timezone.utc).isoformat())
            buf.append(f"{tid},{eid},{cid},complaint.received,api_key,,Bulk import,{received},,Received,{data}\n")
            if len(buf) >= 5000:
                out.write("".join(buf)); buf.clear()
        out.write("".join(buf))


def gen_counters(plan, out):
    year = dt.datetime.now(dt.timezone.utc).year
    for tid, count, _ in plan:
        if count:
            out.write(f"{tid},{year},{count}\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=["tenants", "complaints", "events", "counters"])
    p.add_argument("plan")
    p.add_argument("--ids-out")
    p.add_argument("--ids-tenant")
    p.add_argument("--ids-max", type=int, default=0)
    p.add_argument("--chinese-share", type=float, default=0.0,
                   help="share of each tenant's complaints written in Chinese (0..1, complaints only)")
    a = p.parse_args()
    if not 0.0 <= a.chinese_share <= 1.0:
        p.error("--chinese-share must be between 0 and 1")
    plan = read_plan(a.plan)
    out = sys.stdout
    if a.kind == "tenants":
        gen_tenants(plan, out)
    elif a.kind == "complaints":
        gen_complaints(plan, out, a.ids_out, a.ids_tenant, a.ids_max, a.chinese_share)
    elif a.kind == "events":
        gen_events(plan, out)
    else:
        gen_counters(plan, out)
    out.flush()


if __name__ == "__main__":
    main()
