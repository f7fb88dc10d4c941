"""One exception hierarchy; every message names the input and says what went wrong."""


class NewsloomError(Exception):
    """Base of every error newsloom raises on purpose."""


class InputError(NewsloomError):
    """An input could not be read or decoded as text."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}: {reason}")


class EmptyInputError(InputError):
    """An input holds no text at all."""


class BinaryInputError(InputError):
    """An input is not text (an image, an archive, an executable...)."""


class MissingExtraError(NewsloomError):
    """An optional part was asked for but its package is not installed."""

    def __init__(self, what: str, extra: str):
        super().__init__(f"{what} needs an optional dependency: pip install 'newsloom[{extra}]'")
