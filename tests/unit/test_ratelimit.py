from gateway.ratelimit import RateLimiter


def test_a_sender_over_the_limit_waits_for_the_window():
    limiter = RateLimiter(max_events=3, window_seconds=60)
    assert all(limiter.allow("a", now=t) for t in (0, 1, 2))
    assert not limiter.allow("a", now=3)
    assert limiter.allow("b", now=3)
    assert limiter.allow("a", now=61)


def test_memory_stays_bounded():
    limiter = RateLimiter(max_events=1, window_seconds=60, max_keys=10)
    for key in range(100):
        limiter.allow(str(key), now=0)
    assert len(limiter._events) == 10


def test_a_larger_budget_can_be_asked_for():
    limiter = RateLimiter(max_events=1, window_seconds=60)
    assert limiter.allow("shared", limit=2, now=0)
    assert limiter.allow("shared", limit=2, now=1)
    assert not limiter.allow("shared", limit=2, now=2)
