"""Oral history (口述史): who may see what (access.py), what is public for search (public.py), the editors' index
import (ohms.py) and citations (citation.py). The models are in media/models/interviews.py."""
