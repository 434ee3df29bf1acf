import pytest

from tests.factories import make_tree


@pytest.fixture
def tree(db):
    return make_tree()
