"""One request per site every few seconds, whatever else is fetched in between."""

import pytest

from clippings.capture.throttle import HostThrottle


class FakeClock:
    """A clock that only moves when the throttle sleeps or the test says so."""

    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


def test_second_request_to_a_site_waits_the_rest_of_the_interval(clock):
    throttle = HostThrottle(5, clock=clock, sleep=clock.sleep)

    assert throttle.wait("https://news.example/a") == 0
    clock.now += 2
    assert throttle.wait("https://news.example/b") == 3
    assert clock.slept == [3]


def test_requests_to_different_sites_do_not_wait(clock):
    throttle = HostThrottle(5, clock=clock, sleep=clock.sleep)

    throttle.wait("https://news.example/a")
    throttle.wait("https://other.example/a")
    throttle.wait("http://NEWS.example:8080/a")

    assert clock.slept == []


def test_a_request_after_the_interval_goes_at_once(clock):
    throttle = HostThrottle(5, clock=clock, sleep=clock.sleep)

    throttle.wait("https://news.example/a")
    clock.now += 7
    throttle.wait("https://news.example/b")

    assert clock.slept == []


def test_the_interval_counts_from_when_the_last_request_went(clock):
    throttle = HostThrottle(5, clock=clock, sleep=clock.sleep)

    for _ in range(3):
        throttle.wait("news.example")

    assert clock.slept == [5, 5]


def test_the_interval_defaults_to_the_setting(settings):
    settings.CAPTURE_SECONDS_BETWEEN_REQUESTS = 12

    assert HostThrottle().seconds == 12
