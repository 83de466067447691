"""The API's exception handler, leaving database outages to DatabaseUnavailableMiddleware.

A request body over the size limits is the client's error: 413 (apps.ops.limits).

drf-standardized-errors turns every exception a view raises into a 500 (and logs it as an
error). A lost database is not a bug: handing it back to Django lets the middleware answer
503 with `Retry-After`, in the same JSON error shape, as it does for every page.
"""

from drf_standardized_errors.handler import ExceptionHandler

from apps.ops import limits
from apps.ops.database import is_database_error


class DatabaseAwareExceptionHandler(ExceptionHandler):
    def convert_known_exceptions(self, exc: Exception) -> Exception:
        return super().convert_known_exceptions(limits.api_exception(exc))

    def should_not_handle(self, exc: Exception) -> bool:
        return is_database_error(exc) or super().should_not_handle(exc)
