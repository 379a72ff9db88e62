"""The sentence model: per-sentence hashed profiles, the primal L-BFGS solver, the document logit."""
import numpy as np

from search.translation import train
from search.translation.features import HASH_SENT, sentence_dots, sentence_vectors


def test_each_sentence_has_its_own_profile():
    a, b = "The war ended on Monday.", "It was over, officials said."
    joined = sentence_vectors(f"{a} {b}")
    assert joined.shape == (2, HASH_SENT)
    assert np.allclose((joined ** 2).sum(axis=1), 1.0, atol=1e-5)  # square roots of relative frequencies
    # no n-gram spans the two sentences, and "It" opens its sentence in both texts
    assert np.allclose(joined[0], sentence_vectors(a)[0]) and np.allclose(joined[1], sentence_vectors(b)[0])
    assert sentence_vectors("").shape == (1, HASH_SENT)
    assert len(sentence_vectors("A title\n\nThe body says so. It ends here.")) == 3


def test_sparse_dot_is_the_dense_product():
    w = np.random.default_rng(0).normal(size=HASH_SENT)
    for text in ("", "One.", "A title\n\nThe body says so. It ends here.",
                 "He said: «we will see» — and left.  Then   “nothing” happened. U.S. officials agreed."):
        assert np.allclose(sentence_dots(text, w), sentence_vectors(text).astype(float) @ w, atol=1e-5)


def test_lbfgs_matches_newton():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(300, 8)) * rng.uniform(0.5, 3, size=8) + rng.normal(size=8)
    y = (X @ rng.normal(size=8) + rng.normal(size=300) > 0).astype(float)
    w = rng.uniform(0.5, 2, size=300)
    coef, b = train.fit_logistic_lbfgs(X.astype(np.float32), y, w, l2=2.0)
    # the same problem by Newton: columns standardised with the class-balanced weights, the penalty on those
    cw = train._class_weights(y, w) / train._class_weights(y, w).sum()
    mean = cw @ X
    scale = np.sqrt(cw @ (X - mean) ** 2)
    ref, ref_b = train.fit_logistic((X - mean) / scale, y, w, 2.0)
    assert np.allclose(X @ coef + b, ((X - mean) / scale) @ ref + ref_b, atol=1e-3)


def test_sentence_model_learns_a_sentence_pattern():
    mt = ["In the waters of Kronstadt ended the parade.", "On the territory of the region was held a meeting.",
          "In the city of Moscow began the talks."]
    human = ["The parade ended off Kronstadt.", "Officials met in the region on Monday.", "Talks began in Moscow."]
    docs = [" ".join(mt[i:] + mt[:i]) for i in range(3)] + [" ".join(human[i:] + human[:i]) for i in range(3)]
    y = np.array([1, 1, 1, 0, 0, 0], dtype=float)
    S, sent_doc = train.sentence_profiles(docs)
    model = train.fit_sentence_model(S, sent_doc, y, np.ones(6), np.array(["mt"] * 3 + ["original-english"] * 3))
    new = ["In the town of Tver opened the museum. In the village of Ust ended the festival.",
           "The museum opened in Tver. The festival ended in Ust."]
    S2, sd2 = train.sentence_profiles(new)
    z = train.sentence_doc_logits(model, S2, sd2, 2)
    assert z[0] > z[1]
