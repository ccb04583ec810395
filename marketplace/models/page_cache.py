"""The anonymous page cache's generation counter (the cache itself: marketplace.site.page_cache)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageCacheGeneration(models.Model):
    """One row, bumped after every committed change that can alter a public page: the
    anonymous page cache (marketplace.site.page_cache) keys every page by its value."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("page cache generation")
        verbose_name_plural = _("page cache generations")

    def __str__(self) -> str:
        return str(self.value)
