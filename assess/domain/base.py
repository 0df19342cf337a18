from pydantic import BaseModel, ConfigDict


class DomainModel(BaseModel):
    """Base of every model: unknown fields are errors, values never change after creation."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)
