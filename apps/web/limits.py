"""How much the public pages show: the tunables of the page reads (apps/web/selectors/),
read at call time, so that a test can lower one."""

# How many items a detail page lists before pointing to the filtered list of all of them.
DETAIL_LIST_LIMIT = 50

# A select of every speaker or every source serves nobody past a few hundred: at a million
# quotes the sources' one read 100,000 sources, texts and all (2.6 s), and the page took
# 13 s to render. The claim list offers this many of each, and always the one it is
# filtered by; every speaker's and source's page lists their claims.
FILTER_CHOICES = 100

# Counting every public claim and quote of each topic took 6-7 s at a million quotes (tens
# of thousands of rows a topic); the topic list counts up to this many and says "100+"
# (counting to 1,000 still took 1.3 s; to 100, 0.1 s).
TOPIC_COUNT_CAP = 100

# Below half, two statements share little more than common words: not worth calling similar.
SIMILAR_MIN_SCORE = 0.5
# Similar claims a claim's page shows.
SIMILAR = 5
