"""Text folding, the article index and the matcher that turns a question into a decision."""
