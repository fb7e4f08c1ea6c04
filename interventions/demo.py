"""Demo step (``home.demo.loader.EXTRA_STEPS``): the seeded interventions catalogue."""

from __future__ import annotations

from django.db import transaction

from practices.models import Intervention

from .seed import seeded


@transaction.atomic
def ensure_intervention_catalogue() -> dict[str, int]:
    """Creates the seeded interventions and fills their empty fields from the data file; a field
    someone already filled (in the admin, or an earlier load) is left as it is."""
    created = updated = 0
    for spec in seeded():
        intervention, was_created = Intervention.objects.get_or_create(name=spec.name)
        changed = [
            name
            for name, value in spec.values.items()
            if value not in (None, "", []) and getattr(intervention, name) in (None, "", [])
        ]
        for name in changed:
            setattr(intervention, name, spec.values[name])
        if changed or was_created:
            intervention.save()
        created += was_created
        updated += bool(changed) and not was_created
    return {"created": created, "updated": updated}
