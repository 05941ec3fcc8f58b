"""Settings of the test project: no database, no apps, only the health view."""
SECRET_KEY = "test-project-key-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ROOT_URLCONF = "miniproject.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
WSGI_APPLICATION = "miniproject.wsgi.application"
