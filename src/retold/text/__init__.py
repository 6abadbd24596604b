"""Text processing: normalise (with offset maps), clean, split sentences, identify languages."""
