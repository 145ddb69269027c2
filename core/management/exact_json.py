"""Django's JSON serialization format, without its loss of precision.

``DjangoJSONEncoder`` cuts datetimes and times to milliseconds (ECMAScript's precision).
A backup must give back exactly what was stored, so this format writes full ISO 8601 values;
reading is Django's own JSON deserializer, which parses them as they are.
"""

import datetime

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder


class ExactJSONEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactJSONEncoder


Deserializer = django_json.Deserializer
