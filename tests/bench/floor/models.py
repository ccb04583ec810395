from django.db import models


class Row(models.Model):
    name = models.CharField(max_length=100)
    value = models.IntegerField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "floor"
        ordering = ["id"]
