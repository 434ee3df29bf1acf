"""Running the same work in several threads released at once, as
overlapping requests would (transactional tests only)."""

import threading

from django.db import connection


def at_once(count, work):
    """Run ``work(n)`` for n in range(count), all released together; returns
    (results, exceptions). Each thread closes its database connection."""
    results, errors = [], []
    barrier = threading.Barrier(count)

    def run(n):
        try:
            barrier.wait()
            results.append(work(n))
        except Exception as error:  # noqa: BLE001 - reported by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
