"""Times spaCy (blank English pipeline + PhraseMatcher) and FlashText on the same corpus
with the same gazetteer names as gazette, single process, and prints MB/s.

Usage: compare.py CORPUS.jsonl NAMES.txt
"""
import json
import sys
import time


def load(corpus):
    with open(corpus, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def main():
    corpus, names_path = sys.argv[1], sys.argv[2]
    texts = load(corpus)
    names = [n.strip() for n in open(names_path, encoding="utf-8") if n.strip()]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    results = {}

    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for n in names:
        kp.add_keyword(n)
    t = time.perf_counter()
    hits = sum(len(kp.extract_keywords(x)) for x in texts)
    results["flashtext"] = (mb / (time.perf_counter() - t), hits)

    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("GAZ", [nlp.make_doc(n) for n in names])
    t = time.perf_counter()
    hits = 0
    for doc in nlp.pipe(texts, batch_size=256):
        hits += len(matcher(doc))
    results["spacy"] = (mb / (time.perf_counter() - t), hits)

    for tool, (speed, hits) in results.items():
        print(f"{tool}\t{speed:.2f}\t{hits}")


if __name__ == "__main__":
    main()
