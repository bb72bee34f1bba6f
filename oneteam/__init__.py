"""One Team: a platform for communities of public-service reformers."""
