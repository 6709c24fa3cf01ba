from django.test import Client


def test_swedish_by_default_and_english_on_request(db):
    client = Client()
    assert "Planer och rapporter" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Plans and reports" in client.get("/").content.decode()
