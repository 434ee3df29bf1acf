"""Latency of the admin pages managers use most, with the demo's ~300 people."""

import statistics
import time

from django.contrib.auth import get_user_model
from django.test import Client

REQUESTS = 30
CASES = [
    ("people list", "/admin/org/people/", {}),
    ("people search 'nguyen thi'", "/admin/org/people/", {"q": "nguyen thi"}),
    ("units list", "/admin/org/units/", {}),
]


def timings(client, path, params):
    samples = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(path, params)
        samples.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return samples


def run(report, label=""):
    users = {
        "province manager": get_user_model().objects.get(person__phone="+84911000003"),
        "site admin": get_user_model().objects.get(username="admin"),
    }
    for who, user in users.items():
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for case, path, params in CASES:
            samples = sorted(timings(client, path, params))
            name = f"{who}, {case}{label}"
            report.add(f"{name}: p50", statistics.median(samples), "s")
            report.add(f"{name}: p95", samples[int(len(samples) * 0.95) - 1], "s")
