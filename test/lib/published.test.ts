import { describe, expect, it } from "vitest";
import { linksOf, type AggregateDefinition } from "../../loaders/aggregates/index.ts";
import type { Dataset, Field } from "../../loaders/schema.ts";
import type { AggregateTable } from "../../src/components/shared/headline-figures.ts";
import type { Story } from "../../src/components/stories/list.ts";
import { STORY_FIELDS, type PackageField, type PublishedAggregate, type PublishedStory } from "../../src/lib/published.ts";

// Compile-time checks (`npm run typecheck`): what the build writes fits what the readers take.
/** The pipeline copies each schema field into the datapackage: a schema field is a package field. */
export const fieldIsPackageField = (field: Field): PackageField => field;
/** A built aggregate is what the pages read. */
export const aggregateIsTable = (aggregate: PublishedAggregate): AggregateTable => aggregate;
/** A definition's output, given its id, topic, title, dataset, level and unit, and its links completed, is a published aggregate. */
export const builtIsPublished = (built: Awaited<ReturnType<AggregateDefinition["build"]>>, meta: Pick<PublishedAggregate, "id" | "topic" | "title" | "dataset" | "level" | "unit">): PublishedAggregate => ({
  ...built,
  ...meta,
  links: linksOf(meta.dataset as Dataset, built),
});
/** The story list reads published stories. */
export const storyIsStory = (story: PublishedStory): Story => story;

describe("published shapes", () => {
  it("lists every field of a published story", () => {
    expect(STORY_FIELDS).toEqual(["slug", "title", "lero", "region", "themes", "illustrative", "body"]);
  });
});
