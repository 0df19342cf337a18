from pydantic import BaseModel, ConfigDict


class DomainModel(BaseModel):
    """Base of every model: unknown fields are errors, values never change after creation."""

    # The docstrings under the fields describe them in `assess schema`, which reads them itself:
    # reading every model's source here would cost a tenth of a second of each start.
    model_config = ConfigDict(extra="forbid", frozen=True)
