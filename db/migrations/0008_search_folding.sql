-- Search that folds what writers vary and stems what they conjugate (docs/decisions/0014-search-folding.md).
-- Both drivers ship unaccent (PGlite loads it from its contrib modules, see db.server.ts).
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
-- Arabic words through the arabic snowball stemmer (with its stop words); Latin-script words (all
-- of them ASCII once folded) as they are, without English stop words, which would make "similar
-- ideas" match almost every idea; digits and the rest as they are.
CREATE TEXT SEARCH DICTIONARY "loopboard_latin" (TEMPLATE = pg_catalog.simple, STOPWORDS = english);--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION "loopboard_search" (COPY = pg_catalog.arabic);--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION "loopboard_search" ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH "loopboard_latin";--> statement-breakpoint
-- The one folding that stored text and queries both go through: Latin diacritics off (unaccent,
-- "čebelica" = "cebelica"), lower case, Arabic tashkeel (U+064B–U+0652, U+0670) and tatweel
-- (U+0640) off, the alef forms أ إ آ ٱ to ا, ى to ي, and a word-final ه to ة (the two are written
-- for each other there; ة is the form the arabic stemmer takes off as a suffix).
-- IMMUTABLE although unaccent is STABLE: its dictionary is named explicitly and never changes here.
CREATE FUNCTION "search_fold"(input text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_replace(
    translate(
      lower(public.unaccent('public.unaccent'::regdictionary, input)),
      E'\u0623\u0625\u0622\u0671\u0649\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0670\u0640',
      E'\u0627\u0627\u0627\u0627\u064A'
    ),
    E'\u0647(?![\u0621-\u064A\u0671-\u06D3])', E'\u0629', 'g')
$$;--> statement-breakpoint
-- What idea_search.search_vector holds: the folded title (weight A) and body (weight B).
CREATE FUNCTION "idea_search_vector"(title text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('public.loopboard_search', public.search_fold(coalesce(title, ''))), 'A')
      || setweight(to_tsvector('public.loopboard_search', public.search_fold(coalesce(body, ''))), 'B')
$$;--> statement-breakpoint
-- A search box's query (web-search syntax: "phrases", or, -word), folded and stemmed like the vector.
CREATE FUNCTION "search_query"(input text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT websearch_to_tsquery('public.loopboard_search', public.search_fold(input))
$$;--> statement-breakpoint
-- Every word of `input` (folded, stemmed, stop words dropped), as plain text: no search syntax.
CREATE FUNCTION "search_all_words"(input text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT plainto_tsquery('public.loopboard_search', public.search_fold(input))
$$;--> statement-breakpoint
-- Any one of the words of `input` (folded, stemmed, stop words dropped): what "similar ideas" matches on.
-- NULL when no word is left, which matches nothing.
CREATE FUNCTION "search_any_word"(input text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT string_agg('''' || replace(replace(word, '\', '\\'), '''', '''''') || '''', ' | ')::tsquery
  FROM unnest(tsvector_to_array(to_tsvector('public.loopboard_search', public.search_fold(input)))) AS word
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "ideas_sync_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO idea_search (idea_id, title, search_vector)
  VALUES (NEW.id, search_fold(NEW.title), idea_search_vector(NEW.title, NEW.body))
  ON CONFLICT (idea_id) DO UPDATE SET title = EXCLUDED.title, search_vector = EXCLUDED.search_vector;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- The ideas written before: their search rows again, folded.
UPDATE idea_search s SET title = search_fold(i.title), search_vector = idea_search_vector(i.title, i.body)
FROM ideas i WHERE i.id = s.idea_id;
