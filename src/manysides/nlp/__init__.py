"""Language processing: the spaCy pipeline, entity fixes, numbers, sentence embeddings."""
