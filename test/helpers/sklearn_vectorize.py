# The reference side of test/similarity-sklearn.test.ts: scikit-learn's CountVectorizer and TfidfVectorizer with the
# paper's settings, and numpy's argsort, run on JSON read from stdin; the results are printed as JSON on stdout.
#
# Input: {"corpora": [{"documents": [...], "max_features": 512, "pairs": [[i, j], ...], "vocabulary": [...]?}, ...],
#         "argsort": [[int, ...], ...], "code_points": true}
# Output per corpus: the fitted vocabulary in feature order, idf, and for each pair the two documents' BoW and
# TF-IDF vectors (feature index -> value) and their cosines; per argsort array, np.argsort of it as int64; with
# code_points, the analyzer's terms of "a" + chr(c) + "a" for every code point c, joined by "|".
# Needs Debian's python3-sklearn (scikit-learn 1.2.1, numpy 1.24.2); run it with /usr/bin/python3.
import json
import sys

try:
    import numpy as np
    import sklearn
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity
except ImportError as error:
    print(f"sklearn_vectorize: {error}; install python3-sklearn", file=sys.stderr)
    sys.exit(3)

SETTINGS = dict(lowercase=True, token_pattern=r"(?u)\b\w\w+\b", ngram_range=(1, 2))


def row(matrix, i):
    r = matrix.getrow(i).tocoo()
    return {str(int(j)): float(v) for j, v in sorted(zip(r.col, r.data))}


def fit(corpus):
    docs = corpus["documents"]
    limit = corpus.get("max_features", 512)
    fixed = corpus.get("vocabulary")  # scikit-learn's fixed vocabulary: max_features does not apply
    bow_vectorizer = CountVectorizer(max_features=limit, vocabulary=fixed, **SETTINGS)
    tfidf_vectorizer = TfidfVectorizer(max_features=limit, vocabulary=fixed, **SETTINGS)
    bow = bow_vectorizer.fit_transform(docs)
    tfidf = tfidf_vectorizer.fit_transform(docs)
    vocabulary = [str(t) for t in bow_vectorizer.get_feature_names_out()]
    if vocabulary != [str(t) for t in tfidf_vectorizer.get_feature_names_out()]:
        raise SystemExit("sklearn_vectorize: CountVectorizer and TfidfVectorizer kept different terms")
    pairs = []
    for i, j in corpus.get("pairs", []):
        pairs.append({
            "bow": [row(bow, i), row(bow, j)],
            "tfidf": [row(tfidf, i), row(tfidf, j)],
            "bow_cosine": float(cosine_similarity(bow[i], bow[j])[0, 0]),
            "tfidf_cosine": float(cosine_similarity(tfidf[i], tfidf[j])[0, 0]),
        })
    return {"vocabulary": vocabulary, "idf": [float(x) for x in tfidf_vectorizer.idf_], "pairs": pairs}


def code_point_terms():
    analyze = CountVectorizer(**SETTINGS).build_analyzer()
    return ["|".join(analyze("a" + chr(c) + "a")) for c in range(0x110000)]


def main():
    request = json.load(sys.stdin)
    out = {
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "sklearn": sklearn.__version__},
        "corpora": [fit(c) for c in request.get("corpora", [])],
        "argsort": [np.asarray(a, dtype=np.int64).argsort().tolist() for a in request.get("argsort", [])],
    }
    if request.get("code_points"):
        out["code_points"] = code_point_terms()
    json.dump(out, sys.stdout)


main()
