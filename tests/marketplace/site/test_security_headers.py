import pytest


@pytest.mark.django_db
def test_public_pages_forbid_inline_scripts(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert script_src.strip() == "script-src 'self'"
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_admin_keeps_a_policy_without_third_party_scripts(client):
    response = client.get("/admin/login/")
    policy = response["Content-Security-Policy"]
    assert "object-src 'none'" in policy
    assert "http" not in policy.split("script-src")[1].split(";")[0]
