#!/usr/bin/env python3
"""Writes the demo catalog, Sources/DemoServer/Resources/catalog.json, from the tables beside this file.

Deterministic: the same tables and seed give the same bytes (one product per line,
compact), so a regenerated catalog shows in a diff only where the tables changed.

    python3 scripts/catalog/generate.py            # writes the resource
    python3 scripts/catalog/generate.py --check    # exits 1 if the resource is stale
    python3 scripts/catalog/generate.py --stats    # products per category
"""

import argparse
import json
import os
import random
import sys

# The tables are imported from beside this file; no __pycache__ is left in the repository.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import books  # noqa: E402
import tables_audio_video  # noqa: E402
import tables_cameras_gaming  # noqa: E402
import tables_computing  # noqa: E402
import tables_garden_travel  # noqa: E402
import tables_home  # noqa: E402
import tables_kitchen  # noqa: E402
import tables_lifestyle  # noqa: E402
import tables_outdoor_sports  # noqa: E402
import tables_pets  # noqa: E402
import tables_tools_office  # noqa: E402

SEED = 20260105
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUTPUT = os.path.join(ROOT, "Sources", "DemoServer", "Resources", "catalog.json")

TABLES = [
    tables_audio_video,
    tables_computing,
    tables_cameras_gaming,
    tables_kitchen,
    tables_home,
    tables_tools_office,
    tables_outdoor_sports,
    tables_lifestyle,
    tables_pets,
    tables_garden_travel,
]


def skewed_popularity(rng, brand_rank, model_rank, variant_rank):
    """Flagship models of leading brands are popular, the long tail is not: most products score low."""
    base = 0.88 ** brand_rank * 0.86 ** model_rank * 0.8 ** variant_rank
    noise = rng.uniform(0.55, 1.0)
    return max(0, min(100, round(100 * (base * noise) ** 1.7)))


def products_of(table, rng):
    """Every brand × model × chosen sizes of one category, in table order."""
    products = []
    profiles = table["profiles"]
    for brand_rank, (brand, models) in enumerate(table["brands"].items()):
        for model_rank, (model, pinned) in enumerate(models):
            profile_index = pinned if pinned is not None else rng.randrange(len(profiles))
            phrase, attributes = profiles[profile_index]
            sizes = table["sizes"]
            if sizes:
                count = rng.randint(1, min(3, len(sizes)))
                chosen = sorted(rng.sample(range(len(sizes)), count))
                variants = [sizes[i] for i in chosen]
            else:
                variants = [None]
            # An extra written "a|b|c" is one choice among exclusive values (30h or 40h battery, never both).
            picked = rng.sample(table["extras"], min(len(table["extras"]), rng.randint(0, 2)))
            extras = [rng.choice(extra.split("|")) for extra in picked]
            color = rng.choice(table["colors"]) if table["colors"] else None
            for variant_rank, size in enumerate(variants):
                name = table["template"].format(brand=brand, model=model, profile=phrase, size=size or "")
                name = without_repeated_words(name)
                product_attributes = list(attributes) + extras
                if size and table["size_attribute"]:
                    product_attributes.append(table["size_attribute"](size))
                if color:
                    product_attributes.append(color)
                products.append(
                    {
                        "name": name,
                        "brand": brand,
                        "category": table["name"],
                        "attributes": unique(product_attributes),
                        "popularity": skewed_popularity(rng, brand_rank, model_rank, variant_rank),
                    }
                )
    return products


def without_repeated_words(name):
    """"Trackball Trackball Mouse" -> "Trackball Mouse": a model and a profile may share the word at their seam."""
    words = []
    for word in name.split():
        if not words or words[-1].lower() != word.lower():
            words.append(word)
    return " ".join(words)


def unique(items):
    seen = set()
    return [item for item in items if not (item in seen or seen.add(item))]


def build():
    products = []
    # One generator per category, so that editing one table never reshuffles the others.
    for module in TABLES:
        for table in module.CATEGORIES:
            products.extend(products_of(table, random.Random(f"{SEED}/{table['name']}")))
    products.extend(books.products(random.Random(f"{SEED}/books")))
    seen = set()
    catalog = []
    for product in products:
        key = product["name"].lower()
        if key in seen:
            continue
        seen.add(key)
        catalog.append({"id": len(catalog) + 1, **product})
    return catalog


def render(catalog):
    lines = [json.dumps(product, ensure_ascii=False, separators=(",", ":")) for product in catalog]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed catalog is stale")
    parser.add_argument("--stats", action="store_true", help="print products per category")
    options = parser.parse_args()
    catalog = build()
    text = render(catalog)
    if options.stats:
        counts = {}
        for product in catalog:
            counts[product["category"]] = counts.get(product["category"], 0) + 1
        for name, count in sorted(counts.items(), key=lambda item: -item[1]):
            print(f"{count:5d}  {name}")
        print(f"{len(catalog):5d}  products in {len(counts)} categories")
        return
    if options.check:
        with open(OUTPUT, encoding="utf-8") as handle:
            stale = handle.read() != text
        print(f"{OUTPUT}: {'stale' if stale else 'up to date'}")
        sys.exit(1 if stale else 0)
    with open(OUTPUT, "w", encoding="utf-8") as handle:
        handle.write(text)
    print(f"wrote {len(catalog)} products to {os.path.relpath(OUTPUT, ROOT)}")


if __name__ == "__main__":
    main()
