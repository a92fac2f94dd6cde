"""diplolib — French-language news about US–Russia diplomacy, 2015–2025.

Pipeline (data flows one way)::

    data/raw/ → corpus.read_corpus → nlp.annotate (cached in data/annotations/)
              → actors / dates / timeline / tone (tables) → plots → notebooks

Every stage returns pandas DataFrames whose rows keep ``article_id`` (and
``sent_idx`` where sentence-level) so any aggregate leads back to its text.
"""

__version__ = "0.1.0"

from diplolib.corpus import read_corpus  # noqa: E402
from diplolib.nlp import annotate  # noqa: E402
from diplolib.nlp.schema import Annotations  # noqa: E402
from diplolib.pipeline import Corpus, load_corpus  # noqa: E402

__all__ = ["__version__", "Annotations", "Corpus", "annotate", "load_corpus", "read_corpus"]
