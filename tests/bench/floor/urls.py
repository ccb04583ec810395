from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path

from .models import Row


def rows_json(request):
    return JsonResponse({"results": list(Row.objects.values("id", "name", "value")[:50])})


def rows_html(request):
    return render(request, "floor/rows.html", {"rows": Row.objects.all()[:50]})


urlpatterns = [path("json/", rows_json), path("html/", rows_html)]
