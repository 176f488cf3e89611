# Reference values for tests/scoring_golden.rs and tests/analysis (R psych).
#
# Data: the `bfi` data set distributed with R psychTools (2,800 respondents,
# 25 six-point items of the IPIP Big Five markers; public domain items).
# We keep the first 300 respondents, which include missing answers.
#
# Run from this folder:  Rscript make_golden.R
# Needs Debian packages r-base-core r-cran-psych r-cran-psychtools.
suppressPackageStartupMessages({ library(psych); library(psychTools) })
data(bfi, package = "psychTools")
items <- bfi[1:300, 1:25]
keys <- list(
  A = c("-A1", "A2", "A3", "A4", "A5"),
  C = c("C1", "C2", "C3", "-C4", "-C5"),
  E = c("-E1", "-E2", "E3", "E4", "E5"),
  N = c("N1", "N2", "N3", "N4", "N5"),
  O = c("O1", "-O2", "O3", "O4", "-O5")
)
extract <- data.frame(respondent_id = sprintf("bfi%03d", 1:300), items,
                      gender = bfi$gender[1:300], age = bfi$age[1:300])
write.csv(extract, "bfi_extract.csv", row.names = FALSE, na = "", quote = FALSE)

# scoreItems with impute = "none": mean (totals = FALSE) and sum
# (totals = TRUE) of the answered items, reverse keyed as 7 - x.
means <- scoreItems(keys, items, totals = FALSE, impute = "none", min = 1, max = 6)$scores
sums  <- scoreItems(keys, items, totals = TRUE,  impute = "none", min = 1, max = 6)$scores
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
out <- data.frame(respondent_id = extract$respondent_id)
for (s in names(keys)) {
  out[[paste0(s, "_mean")]] <- fmt(means[, s])
  out[[paste0(s, "_sum")]] <- fmt(sums[, s])
}
write.csv(out, "bfi_scoreitems.csv", row.names = FALSE, quote = FALSE)

# Reliability and item statistics (for the analysis golden tests): the
# complete cases of the extract on each scale (listwise deletion).
rel <- list()
for (s in names(keys)) {
  k <- keys[[s]]
  cols <- sub("^-", "", k)
  complete <- na.omit(items[, cols])
  a <- psych::alpha(complete, keys = cols[startsWith(k, "-")], warnings = FALSE)
  rel[[s]] <- list(
    n = nrow(complete),
    raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha,
    average_r = a$total$average_r,
    r_drop = unname(a$item.stats$r.drop),
    alpha_if_dropped = unname(a$alpha.drop$raw_alpha)
  )
}
writeLines(jsonlite::toJSON(rel, digits = NA, auto_unbox = TRUE, pretty = TRUE), "bfi_alpha.json")
writeLines(c(
  paste("R", R.version$major, R.version$minor),
  paste("psych", packageVersion("psych")),
  paste("psychTools", packageVersion("psychTools"))
), "versions.txt")
