from pydantic import BaseModel, ConfigDict


class DomainModel(BaseModel):
    """Base of every model: unknown fields are errors, values never change after creation."""

    # The docstrings under the fields describe them in `assess schema`, which reads them itself:
    # reading every model's source here would cost a tenth of a second of each start.
    # defer_build: a model's validator and serializer are made when it is first used, not when
    # its class is defined. Most of the models are not used by a given command (the
    # questionnaire's first screen needs two of them and what they contain), and making them all
    # was about 0.2 s of each start.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
