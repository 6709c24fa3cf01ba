from django.contrib.auth import views as auth_views
from django.urls import path
from djangosaml2 import views as saml_views

from styr.accounts import saml, views

urlpatterns = [
    path("logga-in/", views.SignInView.as_view(), name="login"),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("oidc/logga-in/", views.oidc_login, name="oidc_login"),
    path("oidc/callback/", views.oidc_callback, name="oidc_callback"),
    # djangosaml2's views under the names it reverses itself (no namespace).
    path("saml2/login/", saml.only_when_configured(saml_views.LoginView.as_view()), name="saml2_login"),
    path("saml2/acs/", saml.only_when_configured(saml.SamlAcsView.as_view()), name="saml2_acs"),
    path("saml2/logout/", saml.only_when_configured(saml_views.LogoutInitView.as_view()), name="saml2_logout"),
    path("saml2/ls/", saml.only_when_configured(saml_views.LogoutView.as_view()), name="saml2_ls"),
    path("saml2/ls/post/", saml.only_when_configured(saml_views.LogoutView.as_view()), name="saml2_ls_post"),
    path("saml2/metadata/", saml_views.MetadataView.as_view(), name="saml2_metadata"),
]
