"""Public pages. Each module holds the views of one page family; urls.py names them all."""
