"""The API's exception handler, leaving database outages to DatabaseUnavailableMiddleware.

drf-standardized-errors turns every exception a view raises into a 500 (and logs it as an
error). A lost database is not a bug: handing it back to Django lets the middleware answer
503 with `Retry-After`, in the same JSON error shape, as it does for every page.
"""

from drf_standardized_errors.handler import ExceptionHandler

from apps.ops.database import is_database_error


class DatabaseAwareExceptionHandler(ExceptionHandler):
    def should_not_handle(self, exc: Exception) -> bool:
        return is_database_error(exc) or super().should_not_handle(exc)
