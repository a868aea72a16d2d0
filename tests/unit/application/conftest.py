from tests.support.embedded import embedded

__all__ = ["embedded"]
