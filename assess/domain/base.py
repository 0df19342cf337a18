from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class DomainModel(BaseModel):
    """Base of every model: unknown fields are errors, values never change after creation."""

    # The docstrings under the fields describe them in `assess schema`, which reads them itself:
    # reading every model's source here would cost a tenth of a second of each start.
    # defer_build: a model's validator and serializer are made when it is first used, not when
    # its class is defined. Most of the models are not used by a given command (the
    # questionnaire's first screen needs two of them and what they contain), and making them all
    # was about 0.2 s of each start.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


Model = TypeVar("Model", bound=BaseModel)

_new = object.__new__
_set = object.__setattr__


def trusted(cls: type[Model], values: dict[str, Any]) -> Model:
    """A model of values that are already of their declared types (every field given), made
    without validating them again: for results the domain computes itself in bulk, where
    validation cost more than the computation. It sets what pydantic's model_construct sets;
    tests compare such results with validated ones."""
    made = _new(cls)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", set(values))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made


def empty_list_field(**settings: Any) -> Any:
    """A list field that most instances leave out, empty by default: pydantic deep-copies a
    default of `[]` for each instance (some 800 times for the bundled model), and for a factory
    of `list` reads that builtin's signature from its text, which compiles Python's tokenizer.
    A factory of ours costs neither; the schema still shows the default."""
    return Field(default_factory=_empty, json_schema_extra={"default": []}, **settings)


def _empty() -> list[Any]:
    return []
