"""The signals that carry effects from one app to another.

A change is made by an explicit call (a workflow step, a save, a merge); what other apps
must do about it afterwards travels here, so that no app calls up into another's cache,
index or search documents. Every public change starts a new content generation
(``core.apps`` listens to both signals).
"""

from django.dispatch import Signal

# Sent by press when releases changed in any way the public could see: saved, deleted,
# reclassified, re-tagged, loaded in bulk. Arguments: ``ids``, the releases' ids, or None
# when too many to list.
release_changed = Signal()

# Sent by taxonomy when reference data changed: a term saved, deleted, renamed or merged,
# a former name or chairpersonship edited. ``sender`` is the term's model; arguments:
# ``ids`` (the terms' ids, or None) and ``names_changed`` (what releases are found by may
# have changed: their search documents hold their terms' names).
terms_changed = Signal()
