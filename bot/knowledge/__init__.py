"""The knowledge base: articles, offices and the topic tree, loaded and checked from YAML."""
