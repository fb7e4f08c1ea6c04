from practices.models import ApproachPage


def test_demo_profiles_exist(demo):
    assert ApproachPage.objects.live().count() == 5


def test_home_renders(client, demo):
    response = client.get("/")
    assert response.status_code == 200
    assert "Kennisnetwerk Scheiden" in response.content.decode()
