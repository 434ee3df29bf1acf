from lms.progress import ranges


def test_overlapping_and_touching_intervals_merge():
    assert ranges.merge([(10, 20), (0, 5), (15, 30), (30.2, 40)]) == [(0, 5), (10, 40)]


def test_watching_the_same_part_again_adds_nothing():
    assert ranges.added_by([(0, 10)], [(0, 10)]) == 0
    assert ranges.added_by([(5, 15)], [(0, 10)]) == 5


def test_impossible_intervals_are_invalid():
    assert not ranges.is_valid((5, 5), 100)
    assert not ranges.is_valid((-1, 5), 100)
    assert not ranges.is_valid((90, 150), 100)
    assert ranges.is_valid((90, 100.5), 100)  # players overshoot the end a little
