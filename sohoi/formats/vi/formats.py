# Vietnamese number format: 27.000.000 (Django's "vi" formats leave the grouping out). Grouping applies
# only where a template asks for it (intcomma): USE_THOUSAND_SEPARATOR stays off so that years and codes
# are never printed as 2.026.
from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3
THOUSAND_SEPARATOR = "."
DECIMAL_SEPARATOR = ","
