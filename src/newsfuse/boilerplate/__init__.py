"""What is not the article: corpus-learned site boilerplate (per-capture rules live in extract/)."""
