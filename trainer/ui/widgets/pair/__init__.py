"""The views of a pair interview, one widget each; the pair screen coordinates them."""
