"""The database engine's denormalised catalogue index.

One `CatalogueEntry` per public object (a challenge's translations share the entry of its
default-locale original). Single-valued facets (kind, stage, year) are columns; multi-valued
facets (customer group, theme, organisation kind, city) are `CatalogueFacetValue` rows, so
every facet count is one indexed `GROUP BY`.

Full-text data lives outside the ORM: on PostgreSQL a `search_vector tsvector` column with a
GIN index, on SQLite the FTS5 table `search_cataloguefts` of Snowball stems (see migration
0002 and `search.stemming`).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    OFFERING = "offering", _("Offering")
    PILOT = "pilot", _("Pilot")
    PROPOSAL = "proposal", _("Proposal")
    CHALLENGE = "challenge", _("Challenge")


class CatalogueEntry(models.Model):
    kind = models.CharField(_("kind"), max_length=12, choices=EntryKind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    language = models.CharField(_("original language"), max_length=2, blank=True)
    search_config = models.CharField(max_length=20, default="simple")
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    # [{"language", "title", "summary", "url"}], the original first: shown in the language asked.
    texts = models.JSONField(default=list)
    # {"fi": "/fi/…", "sv": "/sv/…", "en": "/en/…"}: the page in each interface language.
    urls = models.JSONField(default=dict)
    # [{"language", "config", "summary", "body"}], the original first: the text versions the
    # highlights are cut from, in the language asked.
    search_texts = models.JSONField(default=list)
    sort_title_fi = models.CharField(max_length=255, blank=True)
    sort_title_sv = models.CharField(max_length=255, blank=True)
    sort_title_en = models.CharField(max_length=255, blank=True)
    customer_groups = models.JSONField(default=list)
    themes = models.JSONField(default=list)
    cities = models.JSONField(default=list)
    organisation_kinds = models.JSONField(default=list)
    # Proposal status or pilot stage; a challenge's phase is computed from its schedule at query time.
    stage = models.CharField(_("stage"), max_length=12, blank=True)
    proposals_open = models.DateTimeField(null=True, blank=True)
    proposals_close = models.DateTimeField(null=True, blank=True)
    voting_open = models.DateTimeField(null=True, blank=True)
    voting_close = models.DateTimeField(null=True, blank=True)
    evaluation_end = models.DateTimeField(null=True, blank=True)
    pilots_end = models.DateTimeField(null=True, blank=True)
    date = models.DateTimeField(_("date"))
    year = models.PositiveSmallIntegerField(_("year"))
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    fingerprint = models.CharField(max_length=64)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catalogue entry")
        verbose_name_plural = _("catalogue entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="catalogueentry_unique_object"
            ),
        ]
        indexes = [
            models.Index(fields=["-date", "kind", "-object_id"], name="catalogueentry_newest"),
            models.Index(fields=["kind", "stage"], name="catalogueentry_kind_stage"),
            models.Index(fields=["year"], name="catalogueentry_year"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"


class CatalogueFacetValue(models.Model):
    """One value of a multi-valued facet of an entry."""

    entry = models.ForeignKey(CatalogueEntry, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "facet", "value"], name="facetvalue_unique"),
        ]
        indexes = [models.Index(fields=["facet", "value", "entry"], name="facetvalue_lookup")]
