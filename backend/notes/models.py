"""The note: a title and a body, with creation and update times."""
from django.db import models

from sideeye_health.responses import iso_timestamp

TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 100_000


class Note(models.Model):
    """One note. ``title`` is required; ``body`` may be empty."""

    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    body = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title

    def to_json(self) -> dict:
        """The note as the API shows it."""
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body,
            "createdAt": iso_timestamp(self.created_at),
            "updatedAt": iso_timestamp(self.updated_at),
        }
