"""Drop the routing index when what it was built from changes, once the change is committed."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from amane.authorities.models import RoutingRule, Unit, UnitCoverage
from amane.authorities.routing import forget_routing_index


def _changed(sender: type, **kwargs: Any) -> None:
    # Now, for this thread's next routing; and again after commit, since another thread may
    # have rebuilt the index in between from the rows as they were before.
    forget_routing_index()
    transaction.on_commit(forget_routing_index)


for _model in (Unit, UnitCoverage, RoutingRule):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"routing-index-{_model.__name__}-save")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"routing-index-{_model.__name__}-delete")
